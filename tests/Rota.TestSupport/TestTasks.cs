namespace Rota.TestSupport;

/// <summary>Task documents shared by the configuration, dashboard-form and browser tests.</summary>
public static class TestTasks
{
    /// <summary>Every task key with a value other than its default, three schedules of four trigger kinds.</summary>
    public const string RichTask = """
        {"name":"rich","handler":"http","description":"All of it","owner":"alice","parameters":{"url":"https://x.test","n":[1,2]},
         "queue":"slow","priority":7,"timeout":"90s","retry":{"attempts":5,"backoff":"10s","factor":1.5,"max_backoff":"5m","jitter":false,"retry_permanent":true},
         "overlap":"allow_all(3)","terminate_grace":"45s","misfire":{"policy":"all","max_catchup":12,"catchup_window":"2h","grace":"20s"},
         "min_spacing":"4h","retention":{"keep_succeeded":10,"keep_failed":20,"max_age":"30d"},"pause_after_failures":4,"enabled":false,
         "paused_reason":"maintenance","tags":["a","b"],"depends_all":true,
         "depends_on":[{"task":"up-a","on":"failed"},{"task":"up-b","on":"finished"}],
         "schedules":[
           {"name":"nightly","cron":["30 2 * * 1-5","0 4 * * 0"],"time_zone":"Europe/Berlin","jitter":"1m","exclude_dates":["2026-12-25"],"parameters":{"mode":"full"}},
           {"name":"often","every":"15m","phase":"5m","start_at":"2026-01-01T00:00:00Z","end_at":"2027-01-01T00:00:00+01:00","max_runs":1000,"enabled":false},
           {"name":"once","at":"2026-12-01T09:00:00Z","after_completion":"10m"}]}
        """;

}
