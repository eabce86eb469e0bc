using System.Globalization;

namespace Rota.Benchmarks.Systems;

/// <summary>Names of the schedules (Rota task, Quartz job/trigger, Hangfire recurring job) shared by all systems.</summary>
internal static class ScheduleKeys
{
    public static string Of(int i) => "bench-" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> All(int count) => Enumerable.Range(0, count).Select(Of).ToList();

    /// <summary>A month about six months from now, for <see cref="ScheduleKind.Never"/>.</summary>
    public static int FarMonth() => (TimeProvider.System.GetUtcNow().Month + 5) % 12 + 1;
}
