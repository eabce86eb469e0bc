using System.Net;
using System.Text.RegularExpressions;

namespace Rota.Examples.Tests;

/// <summary>Signs in to the dashboard with an API token, as a person would on /login, and reads pages as HTML.</summary>
public static partial class DashboardSession
{
    public static async Task<HttpClient> SignInAsync(string url, string token)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri(url) };
        var login = await http.GetStringAsync("/login");
        var antiforgery = AntiforgeryField().Match(login).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["token"] = token, ["return_url"] = "/",
        });
        using var response = await http.PostAsync("/ui/login", form);
        Assert.True(response.IsSuccessStatusCode, $"sign-in answered {(int)response.StatusCode}");
        return http;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
