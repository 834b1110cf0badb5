package dev.fidelius.cli.commands;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.output.OutputOptions;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Which secrets exist in which SDLCs, and whether their values differ.",
      "Values are compared by HMAC under a key made for this run; neither values nor digests are printed. "
          + "The STATE column says same, differs, missing or unreadable; the exit code is 0 either way."
    },
    footer = {"", "Example: fidelius diff --store prod -a PAYMENTS --sdlc staging,prod"})
public final class DiffCommand extends StoreCommand {

  @Option(
      names = "--sdlc",
      paramLabel = "SDLC",
      split = ",",
      required = true,
      description = "Two or more SDLCs, comma-separated; the first is the reference.")
  List<String> sdlcs;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description = "Only these secrets (default: all in any SDLC).")
  List<String> names;

  @Mixin OutputOptions output;

  @Override
  int run(StoreSession session) {
    if (sdlcs.size() < 2) {
      throw CliFailure.usage("--sdlc needs at least two SDLCs, such as staging,prod");
    }
    KeyedHash hash = new KeyedHash();
    Map<String, Map<String, Outcome<SecretValue>>> bySdlc = new LinkedHashMap<>();
    TreeSet<String> allNames = new TreeSet<>();
    for (String sdlc : sdlcs) {
      SecretScope inSdlc = scope.in(sdlc);
      List<String> wanted = ScopeReads.names(session, inSdlc, names);
      allNames.addAll(wanted);
      bySdlc.put(sdlc, new LinkedHashMap<>());
    }
    for (String sdlc : sdlcs) {
      bySdlc.put(sdlc, ScopeReads.read(session, scope.in(sdlc), new ArrayList<>(allNames)));
    }
    List<String> columns = new ArrayList<>(List.of("name"));
    sdlcs.forEach(columns::add);
    columns.add("state");
    Rows rows = new Rows(columns.toArray(String[]::new));
    for (String name : allNames) {
      List<Object> row = new ArrayList<>(List.of(name));
      List<byte[]> digests = new ArrayList<>();
      String state = null;
      for (String sdlc : sdlcs) {
        Outcome<SecretValue> value = bySdlc.get(sdlc).get(name);
        if (value.isOk()) {
          row.add("v" + value.value().version());
          digests.add(hash.of(value.value().bytes()));
        } else if (value.error().kind() == ErrorKind.NOT_FOUND) {
          row.add(null);
          state = state == null ? "missing" : state;
        } else {
          row.add(value.error().kind().reason());
          state = "unreadable";
        }
      }
      if (state == null) {
        state =
            digests.stream().allMatch(d -> KeyedHash.same(d, digests.get(0))) ? "same" : "differs";
      }
      row.add(state);
      rows.add(row.toArray());
    }
    rows.print(output.format(), out());
    return ExitCodes.OK;
  }
}
