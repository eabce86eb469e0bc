using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Rota.Alerts.Channels;

/// <summary>POSTs to a Slack-compatible incoming webhook: <c>text</c> (the fallback shown in notifications) and
/// <c>blocks</c> (a header with the subject, a section with the body).</summary>
public sealed class SlackAlertChannel(AlertChannelConfig config, HttpClient http) : IAlertChannel
{
    /// <summary>Slack's limit for a header block's text.</summary>
    private const int HeaderMax = 150;

    public Task SendAsync(AlertMessage message, CancellationToken ct)
    {
        var header = message.Subject.Length > HeaderMax ? message.Subject[..(HeaderMax - 1)] + "…" : message.Subject;
        var payload = new JsonObject
        {
            ["text"] = message.Subject + "\n" + message.Body,
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = header } },
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "```" + message.Body.TrimEnd() + "```" } }),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, config.Url) { Content = new StringContent(payload.ToJsonString()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return AlertHttp.PostAsync(http, request, "slack", config.Name, ct);
    }
}
