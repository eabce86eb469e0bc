namespace Rota.Alerts.Channels;

/// <summary>Sends a webhook request and turns anything but a 2xx answer into an <see cref="AlertChannelException"/>.</summary>
internal static class AlertHttp
{
    public static async Task PostAsync(HttpClient http, HttpRequestMessage request, string area, string channel, CancellationToken ct)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return;
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (text.Length > 200) text = text[..200];
                throw new AlertChannelException($"{area}: channel '{channel}': {request.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}{(text.Length > 0 ? ": " + text : "")}");
            }
            catch (Exception ex) when (ex is HttpRequestException or Net.AddressBlockedException
                || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                throw new AlertChannelException($"{area}: channel '{channel}': {request.RequestUri}: {ex.Message}", ex);
            }
        }
    }
}
