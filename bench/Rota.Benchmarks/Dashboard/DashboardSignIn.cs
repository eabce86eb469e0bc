using System.Net;
using System.Text.RegularExpressions;

namespace Rota.Benchmarks.Dashboard;

/// <summary>Signs a cookie-keeping HttpClient into Rota's dashboard with an API token, as the sign-in form does
/// (anti-forgery token from the form, then POST /ui/login).</summary>
internal static partial class DashboardSignIn
{
    public static async Task<HttpClient> SignInAsync(string baseUrl, string token)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true, UseCookies = true })
        {
            BaseAddress = new Uri(baseUrl),
        };
        var form = await http.GetStringAsync("/login");
        var antiforgery = AntiforgeryField().Match(form);
        if (!antiforgery.Success) throw new InvalidOperationException("dashboard: the sign-in form has no anti-forgery field");
        using var post = await http.PostAsync("/ui/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Groups["n"].Value] = WebUtility.HtmlDecode(antiforgery.Groups["v"].Value),
            ["token"] = token,
            ["return_url"] = "/",
        }));
        if (post.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/login", StringComparison.Ordinal) == true)
            throw new InvalidOperationException($"dashboard: sign-in with the token was refused ({post.RequestMessage.RequestUri})");
        return http;
    }

    [GeneratedRegex("""<input[^>]+name="(?<n>__RequestVerificationToken)"[^>]+value="(?<v>[^"]+)""")]
    private static partial Regex AntiforgeryField();
}
