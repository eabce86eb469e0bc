using System.CommandLine;
using System.CommandLine.Parsing;

namespace Rota.Cli;

/// <summary>Parse errors as users should read them: the offending token named, and no "required command" noise
/// when the real problem is an unknown word.</summary>
internal static class UsageErrors
{
    public static IEnumerable<string> Describe(ParseResult parsed)
    {
        var missingCommand = parsed.Errors.Where(e => e.SymbolResult is CommandResult && IsMissingCommand(e.Message)).ToList();
        var others = parsed.Errors.Except(missingCommand).ToList();
        foreach (var e in others) yield return e.Message;
        if (others.Count > 0) yield break;
        foreach (var e in missingCommand)
        {
            var command = ((CommandResult)e.SymbolResult!).Command;
            var path = string.Join(' ', Path(parsed.CommandResult));
            yield return $"{path}: a command is required: one of {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}";
        }
    }

    private static bool IsMissingCommand(string message) => message.StartsWith("Required command was not provided", StringComparison.Ordinal);

    private static IEnumerable<string> Path(CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r is not null; r = r.Parent as CommandResult) names.Push(r.Command.Name);
        return names;
    }
}
