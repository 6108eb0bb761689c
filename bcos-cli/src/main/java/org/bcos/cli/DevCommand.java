package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code bcos dev}: controls of a development chain ({@code bcos node --dev}) only. */
@Command(name = "dev", description = "Development chain controls (a node started with --dev)",
    subcommands = {DevCommand.Mine.class})
final class DevCommand {
  /** Blocks one command may ask for: {@code dev_mine}'s own bound. */
  static final int MAX_BLOCKS = 1_000;

  private DevCommand() {}

  /** {@code bcos dev mine [N]}: N blocks now ({@code dev_mine}); prints the new head height. */
  @Command(name = "mine", description = "Make N blocks now (default 1, at most 1000) and print "
      + "the new head height; any other node refuses (DEV_ONLY)")
  static final class Mine implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(index = "0", arity = "0..1", defaultValue = "1", paramLabel = "N",
        description = "how many blocks (1..1000, default 1)") long blocks;

    @Override
    public Integer call() {
      if (blocks < 1 || blocks > MAX_BLOCKS) {
        throw new CliException("INVALID_ARGUMENT", "N is 1.." + MAX_BLOCKS + " blocks");
      }
      var client = common.client();
      JsonNode last = null;
      long first = 0;
      // the node answers after about 2 s of work with what it made: ask again for the rest
      for (long left = blocks; left > 0; left -= last.path("blocks").asLong()) {
        last = client.call("dev_mine", left);
        if (first == 0) first = last.path("firstHeight").asLong();
      }
      var out = Output.object().put("blocks", blocks).put("firstHeight", first)
          .put("height", last.path("height").asLong());
      DvsQueryCommands.print(common, out);
      return 0;
    }
  }
}
