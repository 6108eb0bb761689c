package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.bcos.types.Address;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bcos history}: an account's final transactions, newest first, a page at a time. */
@Command(name = "history", description = "List an account's transactions (sent and received),"
    + " newest first")
final class HistoryCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Parameters(paramLabel = "NAME|ADDRESS") String who;
  @Option(names = "--limit", paramLabel = "N", description = "transactions per page (1..200,"
      + " default 20)") Integer limit;
  @Option(names = "--cursor", paramLabel = "C", description = "the next-page cursor a previous"
      + " call printed") String cursor;

  @Override
  public Integer call() {
    Address address = Keys.resolve(who);
    JsonNode page = common.client().call("bcos_getAccountTransactions",
        Paging.params(List.of(address.toString()), limit, cursor));
    if (common.json) {
      Output.json(System.out, page);
      return 0;
    }
    Table table = new Table("HEIGHT", "INDEX", "TYPE", "DIRECTION", "COUNTERPARTY", "AMOUNT",
        "HASH");
    for (JsonNode tx : page.path("transactions")) row(table, address, tx);
    if (table.isEmpty()) System.out.println("no transactions");
    else table.print(System.out);
    Paging.printNext(page);
    return 0;
  }

  private static void row(Table table, Address self, JsonNode tx) {
    boolean sent = tx.path("from").asText().equals(self.toString());
    String other = sent ? BlockText.recipient(tx, "") : tx.path("from").asText();
    String amount = tx.has("amount") ? tx.path("amount").asText() + " DDC" : "";
    if (!sent && tx.has("outputs")) amount = BlockText.paidTo(tx, self.toString()) + " DDC";
    table.row(tx.path("height").asLong(), tx.path("index").asLong(), tx.path("type").asText(),
        sent ? "out" : "in", other.isEmpty() ? "-" : other, amount.isEmpty() ? "-" : amount,
        tx.path("hash").asText());
  }
}
