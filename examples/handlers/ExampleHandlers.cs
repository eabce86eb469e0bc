using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rota.Examples.IssueMiner;
using Rota.Examples.S42;
using Rota.Examples.SavedLinks;
using Rota.Examples.SemCatalogue;
using Rota.Hosting;

namespace Rota.Examples;

/// <summary>Registers the handler kinds the example rota.yaml files name.</summary>
public static class ExampleHandlers
{
    public static void Register(RotaBuilder rota)
    {
        // issue-miner (seed 002): a simulated Zendesk sync and Claude analysis over an in-memory ticket ledger.
        rota.Services.TryAddSingleton<TicketLedger>();
        rota.AddHandler<TicketSyncHandler>("ticket-sync")
            .AddHandler<TicketAnalyzeHandler>("ticket-analyze")
            .AddHandler<IssuePipelineHandler>("issue-pipeline")
            .AddHandler<ClusterTrendsHandler>("cluster-trends");
        // saved-links (seed 003): visits each saved link, pausing between items.
        rota.Services.TryAddSingleton<LinkFetcher>();
        rota.AddHandler<ProcessSavedLinksHandler>("process-saved-links");
        // s42 (seed 004): per-organisation RSS fetch, the crawl-job queue processor, the nightly cleanup.
        rota.AddHandler<OrgRssFetchHandler>("org-rss-fetch")
            .AddHandler<CrawlQueueHandler>("crawl-queue")
            .AddHandler<S42CleanupHandler>("s42-cleanup");
        // sem-catalogue (seed 000): the four daily steps over a JSON-file catalogue.
        rota.Services.TryAddSingleton<SemHttp>();
        rota.AddHandler<AirtableSyncHandler>("sem-airtable-sync")
            .AddHandler<CrawlerCheckHandler>("sem-crawler-check")
            .AddHandler<ZeroSessionsHandler>("sem-zero-sessions")
            .AddHandler<LlmCatalogueHandler>("sem-llm-catalogue");
        ExampleClock.UseIfConfigured(rota.Services);
    }
}
