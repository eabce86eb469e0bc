namespace Rota.Server.Dashboard.Models;

/// <summary>Element ids of the task form, derived from the document path of the field (<c>schedules[1].time_zone</c> →
/// <c>f-schedules-1-time_zone</c>), so an error found anywhere links to its field.</summary>
public static class FieldIds
{
    public static string Of(string field) => "f-" + field.Replace("[", "-", StringComparison.Ordinal).Replace("].", "-", StringComparison.Ordinal)
        .Replace("]", "", StringComparison.Ordinal).Replace(".", "-", StringComparison.Ordinal);

    public static string ErrorOf(string field) => Of(field) + "-err";

    public static bool Has(this IReadOnlyList<FieldError> errors, string field) => errors.Any(e => e.Field == field);

    /// <summary>The aria-describedby value: the help text and, when there is one, the error (null when neither).</summary>
    public static string? DescribedBy(this IReadOnlyList<FieldError> errors, string field, bool help) =>
        string.Join(" ", new[] { help ? Of(field) + "-help" : null, errors.Has(field) ? ErrorOf(field) : null }.OfType<string>()) is { Length: > 0 } s ? s : null;

    public static string? Invalid(this IReadOnlyList<FieldError> errors, string field) => errors.Has(field) ? "true" : null;
}
