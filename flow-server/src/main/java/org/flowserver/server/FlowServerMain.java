package org.flowserver.server;

import java.util.Arrays;
import org.flowserver.dsl.FlowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar flow-server.jar [--key=value ...]}; {@code --help} lists the settings. */
public final class FlowServerMain {

    private static final Logger LOG = LoggerFactory.getLogger(FlowServerMain.class);

    private FlowServerMain() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(ServerConfigLoader.usage());
            return;
        }
        FlowServer server;
        try {
            ServerConfig config = ServerConfigLoader.load(args, System.getenv(), System.getProperties());
            LOG.atInfo().log("Starting with " + config);
            server = FlowServer.start(config);
        } catch (FlowException e) {
            LOG.error("The flow server cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "flow-server-shutdown"));
    }
}
