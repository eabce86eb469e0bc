namespace Rota.Storage.Tests;

/// <summary>Several nodes, each with its own store and pool, electing a leader on one PostgreSQL schema at once.</summary>
public sealed class PostgresLeaderConcurrencyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LeaderAcquireOrRenew_EightConcurrentNodes_ExactlyOneWinsEachRound()
    {
        await using var db = await TestPostgres.CreateAsync(T0);
        var nodes = new List<IRotaStore>();
        for (var i = 0; i < 8; i++) nodes.Add(await db.OpenAnotherAsync());
        try
        {
            var winners = new List<string>();
            for (var round = 0; round < 5; round++)
            {
                // Each round starts after the previous lease ran out, so every node may take over.
                var now = T0.AddMinutes(round);
                var results = await Task.WhenAll(nodes.Select((store, i) => Task.Run(() =>
                    store.LeaderAcquireOrRenew(new LeaderAcquireParams($"node-{i}", now, now.AddSeconds(30))))));
                var won = Assert.Single(results, r => r.IsLeader);
                Assert.All(results, r => Assert.Equal((won.Holder, won.Term), (r.Holder, r.Term)));
                winners.Add(won.Holder!);
            }
            var final = await db.Store.LeaderGet();
            Assert.Equal(winners[^1], final.Holder);
            // A term per change of holder: at least 1 (first round), at most one per round.
            Assert.InRange(final.Term, 1 + winners.Zip(winners.Skip(1)).Count(p => p.First != p.Second), 5);
        }
        finally
        {
            foreach (var n in nodes) await n.DisposeAsync();
        }
    }
}
