namespace Rota.Dashboard.Tests;

/// <summary>All browser tests share one server and one chromium, and run one after another (live-event tests count
/// subscribers).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>
{
    public const string Name = "dashboard";
}
