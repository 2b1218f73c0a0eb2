using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Testing;

namespace Portal.Bench;

/// <summary>
/// <c>circuits --db FILE --sessions N</c>: N signed-in Chromium sessions (Playwright) idle on the Members page; the
/// server's managed heap per circuit (after a full collection, minus the heap before the sessions); then the time
/// from a click on the grid's next-page button to the new page's summary, in every session in turn.
/// </summary>
public static class CircuitsCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = Path.GetFullPath(args.String("db"));
        var sessions = Math.Max(1, args.Int("sessions", 20));
        var pages = Math.Max(1, args.Int("pages", 5));
        args.EnsureAllUsed();
        var info = SeedInfo.Load(db);
        var chromium = Environment.GetEnvironmentVariable("PORTAL_BENCH_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new BenchUsageException($"Chromium not found at {chromium} (apt-get install -y chromium, or set PORTAL_BENCH_CHROMIUM).");
        }

        await using var host = await PortalProcess.StartAsync(Environment.ProcessPath!, [PortalInProcessHost.Verb, "--db", db],
            // All sessions are one admin: lift the per-user tab limit above the session count.
            new Dictionary<string, string?> { ["Portal__MaxCircuitsPerUser"] = (sessions + 10).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            BuildPaths.PortalOutputDirectory, "/health", TimeSpan.FromSeconds(120));
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Console.WriteLine($"circuits: {sessions} sessions on /members, {info.Members:N0} members, load average before: {ApiCommand.LoadAverage()}");

        // Sign in once through the form; every session reuses the cookie.
        string state;
        await using (var signIn = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl.ToString() }))
        {
            var page = await signIn.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync(info.AdminEmail);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(info.AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            // Sign-in hashes the password (PBKDF2, 100,000 rounds) on a cold server: allow a busy machine its time.
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 180_000 });
            state = await signIn.StorageStateAsync();
            // Warm-up: one circuit through the Members page and a page turn, so JIT and caches are not counted per circuit.
            await OpenMembersAsync(page);
            await NextPageAsync(page, 2);
            await page.CloseAsync(new() { RunBeforeUnload = true });
        }
        await Task.Delay(1000);
        var before = await MemoryAsync(http);

        var contexts = new List<IBrowserContext>();
        var members = new List<IPage>();
        var open = Stopwatch.StartNew();
        for (var i = 0; i < sessions; i++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl.ToString(), StorageState = state });
            contexts.Add(context);
            var page = await context.NewPageAsync();
            await OpenMembersAsync(page);
            members.Add(page);
        }
        open.Stop();
        await Task.Delay(2000);
        var after = await MemoryAsync(http);
        var perCircuit = (after.ManagedBytes - before.ManagedBytes) / (double)sessions;
        Console.WriteLine($"managed heap before {before.ManagedBytes / 1048576.0:0.0} MiB, with {sessions} idle circuits {after.ManagedBytes / 1048576.0:0.0} MiB " +
            $"=> {perCircuit / 1024:N0} KiB per circuit ({perCircuit / 1048576.0:0.00} MiB); opening them took {open.Elapsed.TotalSeconds:0.0} s");

        var samples = new List<double>();
        for (var p = 2; p <= pages + 1; p++)
        {
            foreach (var page in members)
            {
                samples.Add(await NextPageAsync(page, p));
            }
        }
        var stats = new LatencyStats(samples);
        Console.WriteLine($"grid paging round trip (click to new page shown), {samples.Count} turns: {stats}");
        Console.WriteLine($"RESULT circuits n={sessions}: {perCircuit / 1048576.0:0.00} MiB managed per idle circuit; paging p50 {stats.P50:0} ms, p95 {stats.P95:0} ms; load average after: {ApiCommand.LoadAverage()}");
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        return 0;
    }

    // The Members grid shows 25 rows a page and says which ("26-50 of 1,000,000 members").
    private const int MembersPageSize = 25;

    private static async Task OpenMembersAsync(IPage page)
    {
        await page.GotoAsync("/members");
        await Assertions.Expect(page.GetByText(new Regex(@"^\s*1-\d+ of"))).ToBeVisibleAsync(new() { Timeout = 120_000 });
    }

    /// <summary>Clicks the pager's next button and returns the milliseconds until the pager shows page <paramref name="number"/>'s rows.</summary>
    private static async Task<double> NextPageAsync(IPage page, int number)
    {
        var next = page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).First;
        var clock = Stopwatch.StartNew();
        await next.ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex($@"^\s*{(number - 1) * MembersPageSize + 1}-\d+ of"))).ToBeVisibleAsync(new() { Timeout = 60_000 });
        return clock.Elapsed.TotalMilliseconds;
    }

    private sealed record Memory(long ManagedBytes, long HeapBytes);

    private static async Task<Memory> MemoryAsync(HttpClient http) => (await http.GetFromJsonAsync<Memory>("/bench/memory"))!;
}
