package org.modelcollapse.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on 127.0.0.1 for integration tests: a Master and a Worker, each a
 * JVM of its own started from this JDK (25: the executors run engine code) with {@code SPARK_HOME/jars/*}
 * as class path, on ports found free at run time. {@link #submit} runs spark-submit against it, also
 * as a JVM of its own. Every process writes its output to a log in the cluster's folder; {@link #close}
 * stops them all through their handles.
 *
 * <p>{@code SPARK_HOME} is a folder with only {@code jars/} (the build's {@code target/spark-home}),
 * so {@code SPARK_SCALA_VERSION} is set: without it the worker's launcher looks for Spark's build
 * folders ("Cannot find any build directories"). The inherited {@code SPARK_*} and {@code HADOOP_*}
 * variables are dropped, so that a configuration of the machine's own cannot leak in.
 */
final class StandaloneCluster implements AutoCloseable {
    /** The bound on the master and the worker's start, until the master reports the worker ALIVE. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How long a process has to exit after SIGTERM before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final String HOST = "127.0.0.1";
    private static final int LOG_TAIL_LINES = 40;
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path sparkHome;
    private final Path folder;
    private final Path java;
    private final int masterPort;
    private final int masterUiPort;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private StandaloneCluster(Path sparkHome, Path folder, int[] ports) {
        this.sparkHome = sparkHome.toAbsolutePath();
        this.folder = folder.toAbsolutePath();
        this.java = Path.of(System.getProperty("java.home"), "bin", "java");
        this.masterPort = ports[0];
        this.masterUiPort = ports[1];
    }

    /**
     * Starts a master and one worker and waits, at most {@link #START_TIMEOUT}, until the master
     * reports the worker ALIVE; on failure every process started is stopped.
     *
     * @param sparkHome a folder with Spark's jars in {@code jars/}
     * @param folder Modified: receives the logs and the worker's work folder (created)
     * @param workerCores cores the worker offers
     * @param workerMemory memory the worker offers, as Spark writes it ("2g")
     * @return the running cluster
     */
    static StandaloneCluster start(Path sparkHome, Path folder, int workerCores, String workerMemory) throws IOException, InterruptedException {
        if (Runtime.version().feature() < 25) {
            throw new IllegalStateException("the cluster's JVMs run engine code and need JDK 25: this JVM is " + Runtime.version());
        }
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalStateException("no Spark jars in " + sparkHome.resolve("jars") + " (mvn package copies them there)");
        }
        Files.createDirectories(folder);
        final int[] ports = freePorts(4);
        final StandaloneCluster cluster = new StandaloneCluster(sparkHome, folder, ports);
        try {
            cluster.launch("master", "org.apache.spark.deploy.master.Master", List.of("-Xmx512m", "-Dspark.master.rest.enabled=false"),
                    List.of("--host", HOST, "--port", Integer.toString(ports[0]), "--webui-port", Integer.toString(ports[1])));
            cluster.launch("worker", "org.apache.spark.deploy.worker.Worker", List.of("-Xmx512m"),
                    List.of("--host", HOST, "--port", Integer.toString(ports[2]), "--webui-port", Integer.toString(ports[3]),
                            "--cores", Integer.toString(workerCores), "--memory", workerMemory,
                            "--work-dir", cluster.workFolder().toString(), cluster.masterUrl()));
            cluster.awaitAliveWorkers(1);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** @return {@code spark://127.0.0.1:PORT} */
    String masterUrl() {
        return "spark://" + HOST + ":" + masterPort;
    }

    /** @return the worker's work folder: one folder per application, with each executor's stdout and stderr */
    Path workFolder() {
        return folder.resolve("work");
    }

    /**
     * The exit of a spark-submit process.
     *
     * @param exitCode its exit code
     * @param log its output and error
     */
    record Submission(int exitCode, Path log) {}

    /**
     * Runs {@code org.apache.spark.deploy.SparkSubmit} against this master in client mode, the driver
     * bound to loopback, executors on this JDK, Spark's UI off; the process is stopped if it has not
     * ended within {@code timeout}.
     *
     * @param name the log's name ({@code NAME.log})
     * @param confs further {@code KEY=VALUE} settings
     * @param applicationJar the jar to run
     * @param mainClass its main class
     * @param arguments the application's arguments
     * @return its exit code and log
     * @throws AssertionError if it has not ended within {@code timeout} (with its log's tail)
     */
    Submission submit(String name, List<String> confs, Path applicationJar, String mainClass, List<String> arguments, Duration timeout)
            throws IOException, InterruptedException {
        final List<String> args = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client", "--class", mainClass,
                "--conf", "spark.driver.host=" + HOST, "--conf", "spark.driver.bindAddress=" + HOST,
                "--conf", "spark.executorEnv.JAVA_HOME=" + java.getParent().getParent(), "--conf", "spark.ui.enabled=false"));
        for (String conf : confs) {
            args.add("--conf");
            args.add(conf);
        }
        args.add(applicationJar.toAbsolutePath().toString());
        args.addAll(arguments);
        final Process p = launch(name, "org.apache.spark.deploy.SparkSubmit", List.of("-Xmx1g"), args);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(p);
            throw new AssertionError(name + " did not end within " + timeout.toSeconds() + " s\n" + tails());
        }
        return new Submission(p.exitValue(), folder.resolve(name + ".log"));
    }

    /** @return the last lines of every process's log, for failure messages */
    String tails() {
        final StringBuilder s = new StringBuilder();
        for (Path log : logs) {
            s.append("==== ").append(log).append(" (last ").append(LOG_TAIL_LINES).append(" lines)\n");
            try {
                final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).forEach(l -> s.append(l).append('\n'));
            } catch (IOException e) {
                s.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return s.toString();
    }

    /** Stops every process started, the last first: SIGTERM, then a kill after a bounded wait; then what they started. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i));
        }
    }

    private Process launch(String name, String mainClass, List<String> jvmOptions, List<String> arguments) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", mainClass));
        command.addAll(arguments);
        final Path log = folder.resolve(name + ".log");
        final ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        final Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("HADOOP_") || k.startsWith("PYSPARK_"));
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("JAVA_HOME", java.getParent().getParent().toString());
        Files.writeString(folder.resolve(name + ".command"), String.join(" ", command) + "\n");
        logs.add(log);
        final Process p = builder.start();
        processes.add(p);
        return p;
    }

    /** Polls the master's {@code /json} until it reports {@code count} ALIVE workers; fails fast if a process died. */
    private void awaitAliveWorkers(int count) throws InterruptedException {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(2)).build();
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process exited with " + p.exitValue() + " before the worker was ALIVE\n" + tails());
                }
            }
            try {
                final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                final Matcher m = ALIVE_WORKERS.matcher(response.body());
                if (response.statusCode() == 200 && m.find() && Integer.parseInt(m.group(1)) >= count) {
                    return;
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString(); // the master's UI is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the master at " + masterUrl() + " reported no " + count + " ALIVE worker(s) within "
                + START_TIMEOUT.toSeconds() + " s; its UI's last answer: " + last + "\n" + tails());
    }

    /** @return {@code n} distinct ports free on loopback now (each held until all are found) */
    private static int[] freePorts(int n) throws IOException {
        final ServerSocket[] sockets = new ServerSocket[n];
        try {
            final int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    /** Stops {@code p}, then the processes it started (a worker's executors) that are still alive. */
    private static void stop(Process p) {
        final List<ProcessHandle> children = p.descendants().toList();
        end(p.toHandle());
        children.forEach(StandaloneCluster::end);
    }

    private static void end(ProcessHandle h) {
        if (!h.isAlive()) {
            return;
        }
        h.destroy();
        try {
            h.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            h.destroyForcibly();
            try {
                h.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException | InterruptedException e2) {
                // Reported by isAlive to whoever looks; nothing more can be done from here.
                if (e2 instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (InterruptedException e) {
            h.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
