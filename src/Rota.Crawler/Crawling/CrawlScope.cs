namespace Rota.Crawler.Crawling;

/// <summary>Which sources a crawl run takes when no single source is named.</summary>
public enum CrawlScope
{
    /// <summary>Sources not disabled whose next crawl time has come (the scheduled default).</summary>
    Due,
    /// <summary>Every source not disabled, due or not.</summary>
    All,
    /// <summary>Only sources whose status is <c>active</c>.</summary>
    Active,
}
