package org.modelcollapse.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.modelcollapse.experiment.ProgressListener;

/** A progress bar of replicates on stderr when it is a terminal; silent otherwise. */
final class Progress implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @return a bar if stderr is interactive (the launcher says so), else a silent listener */
    static Progress open(String task, int total) {
        if (!Boolean.getBoolean("collapse.interactive")) {
            return new Progress(null);
        }
        final PrintStream err = System.err;
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                .setUnit(" replicates", 1).build());
    }

    @Override
    public void replicatesDone(int done, int total) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
