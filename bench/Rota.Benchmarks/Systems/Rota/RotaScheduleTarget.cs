using System.Globalization;
using Rota.Benchmarks.Measure;
using Rota.Scheduling;
using Rota.Tasks;

namespace Rota.Benchmarks.Systems.Rota;

/// <summary>Recurring schedules on Rota: one task per schedule (handler <see cref="RecordingHandler"/>, overlap
/// allow_all like Quartz's default), applied through <see cref="RotaClient.ApplyAsync"/> before the engine starts.</summary>
internal sealed class RotaScheduleTarget(RotaHost host) : IScheduleTarget
{
    public static async Task<RotaScheduleTarget> CreateAsync(string directory, int workers, ScheduleKind kind, int count, FireRecorder recorder)
    {
        var host = RotaHost.Build(Path.Combine(directory, "rota.db"), workers, recorder);
        await ApplyAsync(host.Client, kind, count);
        return new RotaScheduleTarget(host);
    }

    /// <summary>Defines the <paramref name="count"/> schedules of a scenario through the client.</summary>
    public static async Task ApplyAsync(RotaClient client, ScheduleKind kind, int count)
    {
        var cron = kind == ScheduleKind.EverySecond
            ? "* * * * * *"
            : string.Create(CultureInfo.InvariantCulture, $"0 0 1 {ScheduleKeys.FarMonth()} *");
        foreach (var key in ScheduleKeys.All(count))
        {
            await client.ApplyAsync(new TaskDefinition
            {
                Name = key,
                Handler = RotaHost.RecordHandler,
                Overlap = new OverlapPolicy(OverlapKind.AllowAll),
                Schedules = [new ScheduleDefinition { Specs = [TriggerSpec.ForCron(cron)] }],
            });
        }
    }

    public Task StartAsync() => host.StartAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
