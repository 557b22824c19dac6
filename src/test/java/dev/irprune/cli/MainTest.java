package dev.irprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line builds only the subcommand it runs, and behaves as with all of them. */
@Tag("fast")
class MainTest {
    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        CommandLine cli = Main.commandLine(new String[] {"select", "--activations", "a.csv"});
        assertThat(cli.getSubcommands().keySet()).containsExactly("select");
        Object command = cli.getSubcommands().get("select").getCommand();
        assertThat(command).isInstanceOf(SelectCommand.class);
    }

    @Test
    void withoutASubcommandFirstEveryOneIsBuiltInHelpOrder() {
        String[] all = {"summary", "train", "eval", "select", "prune", "demo", "apply", "sweep", "import", "export"};
        assertThat(Main.commandLine(new String[0]).getSubcommands().keySet()).containsExactly(all);
        assertThat(Main.commandLine(new String[] {"--help"}).getSubcommands().keySet()).containsExactly(all);
        assertThat(Main.commandLine(new String[] {"selct"}).getSubcommands().keySet()).containsExactly(all);
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactly(all);
    }

    @Test
    void aSubcommandsHelpAndErrorsAreTheSameAsWithEveryCommandBuilt() {
        for (String command : IrpruneCommand.COMMANDS.keySet()) {
            String[] help = {command, "--help"};
            assertThat(run(Main.commandLine(help), help)).as(command).isEqualTo(run(Main.commandLine(), help));
            String[] bad = {command, "--no-such-option"};
            assertThat(run(Main.commandLine(bad), bad)).as(command).isEqualTo(run(Main.commandLine(), bad));
        }
    }

    @Test
    void theRootsHelpListsEveryCommand() {
        String help = run(Main.commandLine(new String[] {"--help"}), "--help");
        assertThat(help).contains("summary", "train", "eval", "select", "prune", "demo", "apply", "sweep", "import", "export");
    }

    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute(args);
        return exit + "\n" + out;
    }
}
