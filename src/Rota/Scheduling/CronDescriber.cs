using System.Globalization;

namespace Rota.Scheduling;

/// <summary>Describes a cron expression in plain English ("At 02:00, every day", "Every 5 minutes, Monday through Friday").</summary>
public static class CronDescriber
{
    private static readonly string[] Months = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Throws the same <see cref="RotaException"/> as <see cref="ScheduleCompiler"/> for a bad expression.</summary>
    public static string Describe(string expression)
    {
        ScheduleCompiler.CompileCron(expression, "describe");
        var f = CronFields.Normalize(expression);
        f[4] = Names(f[4], MonthNames, 1);
        f[5] = Names(f[5], DayNames, 0);
        return Time(f[0], f[1], f[2]) + Date(f[3], f[4], f[5]);
    }

    private static string Time(string sec, string min, string hour)
    {
        bool Fixed(string s) => s.Split(',').All(p => int.TryParse(p, out _));
        if (hour.Contains('H') || min.Contains('H') || sec.Contains('H'))
            return $"At a hashed time (second {Field(sec, "second")}, minute {Field(min, "minute")}, hour {Field(hour, "hour")})";
        if (Fixed(sec) && Fixed(min) && Fixed(hour) && !sec.Contains(',') && !min.Contains(','))
        {
            var times = hour.Split(',').Select(x => Clock(int.Parse(x, CultureInfo.InvariantCulture), int.Parse(min, CultureInfo.InvariantCulture), int.Parse(sec, CultureInfo.InvariantCulture))).ToList();
            return "At " + List(times);
        }
        if (sec == "*" && min == "*" && hour == "*") return "Every second";
        if (sec == "0" && min == "*" && hour == "*") return "Every minute";
        if (sec.StartsWith("*/", StringComparison.Ordinal) && min == "*" && hour == "*") return $"Every {sec[2..]} seconds";
        if (sec == "0" && min.StartsWith("*/", StringComparison.Ordinal) && hour == "*") return $"Every {min[2..]} minutes";
        if (sec == "0" && min == "0" && hour == "*") return "Every hour";
        if (sec == "0" && min == "0" && hour.StartsWith("*/", StringComparison.Ordinal)) return $"Every {hour[2..]} hours";
        if (sec == "0" && Fixed(min) && hour == "*") return $"At minute {List(min.Split(','))} past every hour";
        var parts = new List<string>();
        if (sec != "0") parts.Add(Field(sec, "second"));
        parts.Add(Field(min, "minute"));
        parts.Add(Field(hour, "hour"));
        return "At " + string.Join(", ", parts);
    }

    private static string Date(string dom, string month, string dow)
    {
        var parts = new List<string>();
        var anyDom = dom is "*" or "?";
        var anyDow = dow is "*" or "?";
        if (anyDom && anyDow) parts.Add("every day");
        if (!anyDom)
        {
            parts.Add(dom switch
            {
                "L" => "on the last day of the month",
                "LW" => "on the last weekday of the month",
                _ when dom.StartsWith("L-", StringComparison.Ordinal) => $"{dom[2..]} days before the last day of the month",
                _ when dom.EndsWith('W') => $"on the weekday nearest day {dom[..^1]} of the month",
                _ => $"on {Field(dom, "day")} of the month",
            });
        }
        if (!anyDow)
        {
            if (dow.Contains('#'))
            {
                var bits = dow.Split('#');
                parts.Add($"on the {Ordinal(int.Parse(bits[1], CultureInfo.InvariantCulture))} {Days[int.Parse(bits[0], CultureInfo.InvariantCulture)]} of the month");
            }
            else if (dow.EndsWith('L')) parts.Add($"on the last {Days[int.Parse(dow[..^1], CultureInfo.InvariantCulture)]} of the month");
            else if (dow.Contains('-') && !dow.Contains(','))
            {
                var r = dow.Split('-');
                parts.Add($"{Days[int.Parse(r[0], CultureInfo.InvariantCulture)]} through {Days[int.Parse(r[1], CultureInfo.InvariantCulture)]}");
            }
            else if (dow.Split(',').All(p => int.TryParse(p, out _)))
                parts.Add("only on " + List(dow.Split(',').Select(d => Days[int.Parse(d, CultureInfo.InvariantCulture)]).ToList()));
            else parts.Add($"on {Field(dow, "day of the week")}");
        }
        if (month != "*")
        {
            if (month.Contains('-') && !month.Contains(',') && !month.Contains('/'))
            {
                var r = month.Split('-');
                parts.Add($"{Months[int.Parse(r[0], CultureInfo.InvariantCulture)]} through {Months[int.Parse(r[1], CultureInfo.InvariantCulture)]}");
            }
            else if (month.Split(',').All(p => int.TryParse(p, out _)))
                parts.Add("in " + List(month.Split(',').Select(m => Months[int.Parse(m, CultureInfo.InvariantCulture)]).ToList()));
            else parts.Add($"in {Field(month, "month")}");
        }
        return ", " + string.Join(", ", parts);
    }

    private static string Field(string value, string unit)
    {
        if (value is "*" or "?") return $"every {unit}";
        if (value.StartsWith("*/", StringComparison.Ordinal)) return $"every {value[2..]} {unit}s";
        if (value.Contains('/'))
        {
            var bits = value.Split('/');
            return $"every {bits[1]} {unit}s from {bits[0].Replace("-", " through ", StringComparison.Ordinal)}";
        }
        if (value.Contains('-') && !value.Contains(','))
            return $"{unit}s {value.Replace("-", " through ", StringComparison.Ordinal)}";
        return value.Contains(',') ? $"{unit}s {List(value.Split(','))}" : $"{unit} {value}";
    }

    private static string Names(string field, string[] names, int offset)
    {
        var upper = field.ToUpperInvariant();
        for (var i = 0; i < names.Length; i++) upper = upper.Replace(names[i], (i + offset).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return upper;
    }

    private static string Clock(int h, int m, int s) => s == 0 ? $"{h:00}:{m:00}" : $"{h:00}:{m:00}:{s:00}";

    private static string List(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    private static string Ordinal(int n) => n switch { 1 => "first", 2 => "second", 3 => "third", 4 => "fourth", 5 => "fifth", _ => $"{n}th" };
}
