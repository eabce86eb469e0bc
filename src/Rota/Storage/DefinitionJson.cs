using System.Text.Json;
using System.Text.Json.Serialization;
using Rota.Scheduling;
using Rota.Tasks;

namespace Rota.Storage;

/// <summary>How task and schedule definitions are stored in a text column (snake_case JSON; schedules apart).</summary>
public static class DefinitionJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(TaskDefinition task) => JsonSerializer.Serialize(task with { Schedules = [] }, Options);

    public static TaskDefinition DeserializeTask(string json) =>
        JsonSerializer.Deserialize<TaskDefinition>(json, Options) ?? throw new RotaException("store.corrupt", "store: empty task definition");

    public static string Serialize(ScheduleDefinition schedule) => JsonSerializer.Serialize(schedule, Options);

    public static ScheduleDefinition DeserializeSchedule(string json) =>
        JsonSerializer.Deserialize<ScheduleDefinition>(json, Options) ?? throw new RotaException("store.corrupt", "store: empty schedule definition");

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
