package org.nsbi.it.connect;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs SQL queries against a Spark Connect server and prints each result: a line {@code #query <i> <columns>},
 * then one tab-separated line per row, then {@code #rows <n>}. Usage: {@code ConnectQuery sc://host:port SQL...}.
 */
public final class ConnectQuery {

    private ConnectQuery() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ConnectQuery sc://HOST:PORT SQL [SQL...]");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().remote(args[0]).getOrCreate();
        try {
            for (int q = 1; q < args.length; q++) {
                var result = spark.sql(args[q]);
                System.out.println("#query " + q + " " + String.join(",", result.columns()));
                List<Row> rows = result.collectAsList();
                for (Row r : rows) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < r.size(); i++) {
                        line.append(i == 0 ? "" : "\t").append(r.isNullAt(i) ? "null" : r.get(i).toString());
                    }
                    System.out.println(line);
                }
                System.out.println("#rows " + rows.size());
            }
        } finally {
            spark.close();
        }
    }
}
