using System.Text.Json.Nodes;

namespace Rota.Cli.Commands;

/// <summary>What <c>task show</c> prints: the listing view, a heading, policy lines, each schedule's next fires, and
/// the definition for <c>--json</c> (the stored definition locally, the API's task document remotely).</summary>
public sealed record TaskDetail(TaskView View, string Heading, IReadOnlyList<string> Lines, IReadOnlyList<ScheduleFires> Fires, JsonNode? Definition);
