"""The off-shell toy as a scheduled pipeline on a Spark cluster: simulate -> run.

Every night (02:00 UTC) 'simulate' draws new reference samples and a new observed data set (seeded by the run's
date) into HDFS, and 'run' scores them, builds the Neyman belts, inverts them into the observed interval and the
Asimov one at mu = 1 and writes the report, all into hdfs://namenode:8020/nsbi/offshell-toy/runs/<date>/ (the
steps as separate commands, score -> neyman -> interval, read the same config; 'run' keeps them in one driver). The analysis config
deploy/config/offshell-toy-pipeline.yaml reads the samples from where 'simulate' writes them.

Needs apache-airflow-providers-apache-spark, and on the Airflow worker: spark-submit (Spark 4.0.0) and the install
layout of the image (docker/Dockerfile): /opt/nsbi/nsbi-spark/lib/<the shaded jar>, /opt/nsbi/nsbi-spark/deploy/config/
and /opt/nsbi/shared/fixtures/ (the driver runs on the worker, in client mode, and reads the config and networks).

Connections (Admin > Connections, or environment variables AIRFLOW_CONN_<ID>):
  nsbi_spark       the cluster: type spark, host spark://127.0.0.1, port 7077 (the standalone cluster of
                   deploy/standalone/), deploy mode client.
  nsbi_spark_auth  the cluster's spark.authenticate secret in its password field, e.g.
                   AIRFLOW_CONN_NSBI_SPARK_AUTH='{"conn_type": "generic", "password": "<the secret>"}'
                   The secret is never written in this file; Airflow masks it in logs and rendered templates.
Variable (optional):
  nsbi_driver_host the address the driver listens on and tells the executors. Default 127.0.0.1 (a cluster on the
                   same host); set it to this worker's address on the cluster network to use a remote cluster.

DeployManifestsTest (tests/) reads PIPELINE below as data and checks every command, option and path in it against
the nsbi command line: keep it literal (strings, lists and dicts only, double quotes).
"""
from datetime import datetime

from airflow import DAG
from airflow.models.baseoperator import chain
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

PIPELINE = {
    "conn_id": "nsbi_spark",
    "application": "/opt/nsbi/nsbi-spark/lib/nsbi-spark-jobs.jar",
    "java_class": "org.nsbi.spark.cli.NsbiCommand",
    "conf": {
        "spark.authenticate": "true",
        "spark.authenticate.secret": "{{ conn.nsbi_spark_auth.password }}",
        "spark.network.crypto.enabled": "true",
        "spark.io.encryption.enabled": "true",
        "spark.driver.host": "{{ var.value.get('nsbi_driver_host', '127.0.0.1') }}",
        "spark.driver.bindAddress": "{{ var.value.get('nsbi_driver_host', '127.0.0.1') }}",
        "spark.ui.enabled": "false"
    },
    "steps": [
        {
            "task_id": "simulate",
            "args": ["simulate", "--out", "hdfs://namenode:8020/nsbi/offshell-toy/simulate", "--overwrite",
                     "--samples", "S,B,NI", "--events", "100000", "--seed", "{{ ds_nodash }}",
                     "--observed-mu", "1.0"]
        },
        {
            "task_id": "run",
            "args": ["run", "--config", "/opt/nsbi/nsbi-spark/deploy/config/offshell-toy-pipeline.yaml",
                     "--out", "hdfs://namenode:8020/nsbi/offshell-toy/runs/{{ ds_nodash }}", "--overwrite"]
        }
    ]
}

with DAG(
    dag_id="nsbi_offshell_toy",
    description="simulate -> run (score, neyman, interval, report) on a Spark cluster",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # 'simulate' rewrites the shared sample folder: one run at a time
    tags=["nsbi"],
) as dag:
    chain(*[
        SparkSubmitOperator(
            task_id=step["task_id"],
            conn_id=PIPELINE["conn_id"],
            application=PIPELINE["application"],
            java_class=PIPELINE["java_class"],
            conf=PIPELINE["conf"],
            application_args=step["args"],
            name="nsbi " + step["task_id"] + " {{ ds }}",
            driver_memory="4g",
            executor_memory="2g",
        )
        for step in PIPELINE["steps"]
    ])
