package org.flowserver.bench;

/** Entry point of the benchmark jar: {@code java -jar flowserver-bench.jar vertx|camel <port>}. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            usage();
        }
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "vertx" -> RawVertxEcho.start(port);
            case "camel" -> CamelPlatformHttpEcho.run(port);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: java -jar flowserver-bench.jar vertx|camel <port>");
        System.exit(2);
    }
}
