package io.roster.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.roster.client.RosterClient;
import io.roster.tools.options.OutputOption;
import io.roster.tools.output.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** `roster sub`: subscribes to a dataId and prints every push it receives. */
@Command(name = "sub", mixinStandardHelpOptions = true,
        description = {"Subscribe to DATAID and print every push until Ctrl-C.",
                "With --output json (or --json), one object per push per line: {\"dataInfoId\": ..., \"version\": ..., \"data\": [...]}."})
public final class SubCommand extends HeldClientCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    OutputOption output;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Exit after N pushes (default: never).")
    int count;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch remaining = new CountDownLatch(count > 0 ? count : Integer.MAX_VALUE);
        try (RosterClient c = client.connect()) {
            c.subscribe(dataId, (dataInfoId, data, version) -> {
                print(out, dataInfoId, ModelJson.strings(data), version);
                remaining.countDown();
                if (remaining.getCount() == 0) {
                    stop.stop();
                }
            });
            stop.await("roster-sub-stop");
        }
        return 0;
    }

    private synchronized void print(PrintWriter out, String dataInfoId, List<String> data, long version) {
        if (output.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataInfoId", dataInfoId);
            m.put("version", version);
            m.put("data", data);
            try {
                out.println(JSON.writeValueAsString(m));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println(dataInfoId + " version " + version + ": " + data);
        }
        out.flush();
    }
}
