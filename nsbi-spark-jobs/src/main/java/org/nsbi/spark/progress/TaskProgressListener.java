package org.nsbi.spark.progress;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.nsbi.model.progress.ProgressLine;

/**
 * Turns the finished tasks of one Spark job group into a {@link ProgressLine}. Each successful
 * task of a stage submitted under the watched job group counts as the units its partition carries
 * (for example the toys of that partition's blocks), so the line moves as work really finishes,
 * whichever executor did it. Meant for single-stage jobs whose partitions are the work units.
 */
public final class TaskProgressListener extends SparkListener {

    private static final String JOB_GROUP = "spark.jobGroup.id";

    /** Units of work carried by the task that ran a given partition. */
    @FunctionalInterface
    public interface UnitsPerPartition {
        long units(int partition);
    }

    private final String jobGroup;
    private final ProgressLine line;
    private final UnitsPerPartition units;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final Set<Long> countedPartitions = ConcurrentHashMap.newKeySet();

    private final boolean afterShuffleOnly;

    public TaskProgressListener(String jobGroup, ProgressLine line, UnitsPerPartition units) {
        this(jobGroup, line, units, false);
    }

    /**
     * @param afterShuffleOnly count only the tasks of stages that read a shuffle (the stage after it, whose partitions
     *                         are the work units), not those of the stages that feed it
     */
    public TaskProgressListener(String jobGroup, ProgressLine line, UnitsPerPartition units, boolean afterShuffleOnly) {
        this.jobGroup = jobGroup;
        this.line = line;
        this.units = units;
        this.afterShuffleOnly = afterShuffleOnly;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        if (submitted.properties() != null && jobGroup.equals(submitted.properties().getProperty(JOB_GROUP))
                && (!afterShuffleOnly || !submitted.stageInfo().parentIds().isEmpty())) {
            stages.add(submitted.stageInfo().stageId());
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.taskInfo() == null || !taskEnd.taskInfo().successful() || !stages.contains(taskEnd.stageId())) {
            return;
        }
        int partition = taskEnd.taskInfo().partitionId();
        // a retried or speculative copy of a partition that already finished is not counted twice
        if (countedPartitions.add(((long) taskEnd.stageId() << 32) | partition)) {
            line.advance(units.units(partition));
        }
    }

    public ProgressLine line() {
        return line;
    }
}
