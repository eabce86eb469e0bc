using Cronos;

namespace Rota.Scheduling;

/// <summary>Splits and normalizes cron text: macros, 5 or 6 fields, and which field a parse error belongs to.</summary>
public static class CronFields
{
    public static readonly string[] Names = ["second", "minute", "hour", "day-of-month", "month", "day-of-week"];

    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 0 1 1 *", ["@annually"] = "0 0 0 1 1 *", ["@monthly"] = "0 0 0 1 * *",
        ["@weekly"] = "0 0 0 * * 0", ["@daily"] = "0 0 0 * * *", ["@midnight"] = "0 0 0 * * *",
        ["@hourly"] = "0 0 * * * *", ["@every_minute"] = "0 * * * * *", ["@every_second"] = "* * * * * *",
    };

    /// <summary>The six fields (seconds first) of an expression, macros expanded; 5-field input gets second 0.</summary>
    public static string[] Normalize(string expression)
    {
        var text = expression.Trim();
        if (text.Length == 0) throw new RotaException("cron.invalid_field", "cron: the expression is empty");
        if (text.StartsWith('@'))
            return Macros.TryGetValue(text, out var m)
                ? m.Split(' ')
                : throw new RotaException("cron.invalid_field", $"cron: unknown macro '{text}' (known: {string.Join(", ", Macros.Keys)})");
        var fields = text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length switch
        {
            5 => ["0", .. fields],
            6 => fields,
            _ => throw new RotaException("cron.invalid_field",
                $"cron: '{expression}' has {fields.Length} field(s); expected 5 (minute hour day-of-month month day-of-week) or 6 (second first)"),
        };
    }

    /// <summary>Parses six normalized fields with Cronos; on failure names the first field Cronos rejects.</summary>
    public static CronExpression Parse(string[] six, string original)
    {
        var text = string.Join(' ', six);
        try
        {
            return CronExpression.Parse(text, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            for (var i = 0; i < 6; i++)
            {
                var probe = new[] { "0", "0", "0", "*", "*", "*" };
                probe[i] = six[i];
                if (i == 3 && six[i] != "*" && six[i] != "?") probe[5] = "?";
                try { CronExpression.Parse(string.Join(' ', probe), CronFormat.IncludeSeconds); }
                catch (CronFormatException)
                {
                    throw new RotaException("cron.invalid_field", $"cron: {Names[i]} field '{six[i]}' is invalid in '{original}'", inner: ex);
                }
            }
            throw new RotaException("cron.invalid_field", $"cron: '{original}' is invalid: {ex.Message}", inner: ex);
        }
    }
}
