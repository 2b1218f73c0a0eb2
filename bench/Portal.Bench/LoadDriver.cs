using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Portal.Bench;

/// <summary>One request the driver sends, with the label its latency is reported under.</summary>
public sealed record LoadRequest(string Label, Func<HttpRequestMessage> Create);

/// <summary>What one load run measured.</summary>
public sealed record LoadResult(double Seconds, long Requests, long Errors, LatencyStats All, IReadOnlyDictionary<string, LatencyStats> ByLabel,
    IReadOnlyDictionary<int, long> Statuses, IReadOnlyList<string> ErrorSamples)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>
/// A closed-loop HTTP load driver: C workers, each with its own keep-alive connection, each sending its next request as
/// soon as the previous one is answered. Requests during the warm-up are sent but not counted. With several base
/// addresses (several Portal instances on one database) the workers are spread over them in turn, as a load balancer
/// without affinity would spread app connections.
/// </summary>
public static class LoadDriver
{
    public static HttpClient NewClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static Task<LoadResult> RunAsync(Uri baseUrl, int connections, TimeSpan warmup, TimeSpan duration, Func<long, LoadRequest> next) =>
        RunAsync([baseUrl], connections, warmup, duration, next);

    public static async Task<LoadResult> RunAsync(IReadOnlyList<Uri> baseUrls, int connections, TimeSpan warmup, TimeSpan duration, Func<long, LoadRequest> next)
    {
        using var http = NewClient(connections);
        var samples = new ConcurrentBag<(string Label, double Ms)>();
        var statuses = new ConcurrentDictionary<int, long>();
        var errorSamples = new ConcurrentQueue<string>();
        long sequence = 0, errors = 0, counted = 0;
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup;
        var end = warmup + duration;

        async Task WorkerAsync(Uri baseUrl)
        {
            var local = new List<(string, double)>(4096);
            while (clock.Elapsed < end)
            {
                var request = next(Interlocked.Increment(ref sequence));
                var started = clock.Elapsed;
                int status;
                string? problem = null;
                try
                {
                    using var message = request.Create();
                    message.RequestUri = new Uri(baseUrl, message.RequestUri!);
                    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    status = (int)response.StatusCode;
                    if (!response.IsSuccessStatusCode)
                    {
                        problem = $"{status} {request.Label}: {Truncate(await response.Content.ReadAsStringAsync(), 300)}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                    problem = $"{request.Label}: {e.GetType().Name}: {e.Message}";
                }
                var finished = clock.Elapsed;
                if (started < measureFrom || finished > end)
                {
                    continue;
                }
                Interlocked.Increment(ref counted);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                local.Add((request.Label, (finished - started).TotalMilliseconds));
                if (problem is not null)
                {
                    Interlocked.Increment(ref errors);
                    if (errorSamples.Count < 5)
                    {
                        errorSamples.Enqueue(problem);
                    }
                }
            }
            foreach (var sample in local)
            {
                samples.Add(sample);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(i => Task.Run(() => WorkerAsync(baseUrls[i % baseUrls.Count]))));
        var all = samples.ToList();
        return new LoadResult(duration.TotalSeconds, counted, errors, new LatencyStats(all.Select(s => s.Ms)),
            all.GroupBy(s => s.Label).ToDictionary(g => g.Key, g => new LatencyStats(g.Select(s => s.Ms))),
            statuses.ToDictionary(), errorSamples.ToList());
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
