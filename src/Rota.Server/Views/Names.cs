namespace Rota.Server.Views;

/// <summary>Enum names as the API writes them (snake_case).</summary>
public static class Names
{
    public static string Snake(string pascal) => Endpoints.Query.Snake(pascal);
}
