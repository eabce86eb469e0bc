using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Rota.Alerts.Channels;

/// <summary>POSTs the message as JSON (rule, kind, state, subject, body, time and every placeholder value) to the
/// channel's URL, signed with <see cref="WebhookSignature"/> when a secret is set. Any 2xx is accepted.</summary>
public sealed class WebhookAlertChannel(AlertChannelConfig config, HttpClient http, TimeProvider time) : IAlertChannel
{
    public Task SendAsync(AlertMessage message, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["rule"] = message.Rule, ["kind"] = message.Values.GetValueOrDefault("kind"), ["state"] = message.Kind,
            ["subject_key"] = message.SubjectKey, ["subject"] = message.Subject, ["body"] = message.Body,
            ["time"] = message.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["values"] = new JsonObject(message.Values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        };
        if (message.Data is not null) body["data"] = message.Data.DeepClone();
        var bytes = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, config.Url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in config.Headers) request.Headers.TryAddWithoutValidation(name, value);
        var stamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(WebhookSignature.TimestampHeader, stamp);
        if (config.Secret is not null || config.SecretEnv is not null)
        {
            var secret = config.ResolveSecret()
                ?? throw new AlertChannelException($"webhook: channel '{config.Name}': environment variable {config.SecretEnv} is not set");
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(secret, stamp, bytes));
        }
        return AlertHttp.PostAsync(http, request, "webhook", config.Name, ct);
    }
}
