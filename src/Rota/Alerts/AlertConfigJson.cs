using System.Text.Json.Nodes;
using Rota.Configuration;

namespace Rota.Alerts;

/// <summary>Writes an alert configuration as JSON in the same shape as rota.yaml's <c>alerts:</c> section, so the
/// stored document, the API and the file are read by one validating reader (<see cref="ConfigLoader.ParseAlerts"/>).</summary>
public static class AlertConfigJson
{
    public static JsonObject ToJson(AlertConfig config) => new()
    {
        ["channels"] = new JsonObject(config.Channels.Select(c => KeyValuePair.Create(c.Name, (JsonNode?)Channel(c)))),
        ["rules"] = new JsonArray([.. config.Rules.Select(r => (JsonNode)Rule(r))]),
    };

    public static string Serialize(AlertConfig config) => ToJson(config).ToJsonString();

    private static JsonObject Channel(AlertChannelConfig c)
    {
        var o = new JsonObject { ["type"] = c.Type };
        Put(o, "host", c.Host);
        if (c.Port is { } port) o["port"] = port;
        if (c.Type == "email") Put(o, "security", c.Security);
        Put(o, "username", c.Username);
        Put(o, "password", c.Password);
        Put(o, "password_env", c.PasswordEnv);
        Put(o, "from", c.From);
        Put(o, "ca_file", c.CaFile);
        if (c.To.Count > 0) o["to"] = new JsonArray([.. c.To.Select(t => (JsonNode)JsonValue.Create(t))]);
        Put(o, "url", c.Url);
        Put(o, "secret", c.Secret);
        Put(o, "secret_env", c.SecretEnv);
        if (c.Headers.Count > 0) o["headers"] = new JsonObject(c.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value))));
        return o;
    }

    private static JsonObject Rule(AlertRule r)
    {
        var o = new JsonObject
        {
            ["name"] = r.Name, ["kind"] = AlertKindNames.Name(r.Kind),
            ["channels"] = new JsonArray([.. r.Channels.Select(c => (JsonNode)JsonValue.Create(c))]),
        };
        if (!r.Enabled) o["enabled"] = false;
        Put(o, "task", r.Task);
        if (r.Tags.Count > 0) o["tags"] = new JsonArray([.. r.Tags.Select(t => (JsonNode)JsonValue.Create(t))]);
        if (r.Count is { } n) o["count"] = n;
        if (r.Duration is { } d) o["duration"] = DurationText.Format(d);
        if (r.Repeat is { } rep) o["repeat"] = DurationText.Format(rep);
        Put(o, "stat", r.Stat);
        if (r.Min is { } min) o["min"] = min;
        if (r.Max is { } max) o["max"] = max;
        if (r.IgnoreMissing) o["missing"] = "ignore";
        var t = new JsonObject();
        Put(t, "subject", r.Template.Subject);
        Put(t, "body", r.Template.Body);
        Put(t, "resolved_subject", r.Template.ResolvedSubject);
        Put(t, "resolved_body", r.Template.ResolvedBody);
        if (t.Count > 0) o["template"] = t;
        return o;
    }

    private static void Put(JsonObject o, string key, string? value)
    {
        if (value is not null) o[key] = value;
    }
}
