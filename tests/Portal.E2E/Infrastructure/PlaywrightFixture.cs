using System.Collections.Concurrent;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// One Playwright driver and one headless Chromium for the whole run; each test gets its own browser
/// context (cookies, storage) from it. Also keeps the signed-in storage state per account, so a test
/// that is not about signing in starts signed in without going through the form again.
/// </summary>
public sealed class PlaywrightFixture : IAsyncLifetime
{
    // Playwright's own browser download does not work on our machines; Debian's Chromium does.
    private const string DefaultChromium = "/usr/bin/chromium";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> storageStates = new();

    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("PORTAL_E2E_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            // A failure, not a skip: a machine without a browser must not report a green suite.
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. The E2E tests need it: install Debian's chromium: apt-get install -y chromium " +
                "(or point PORTAL_E2E_CHROMIUM at another Chromium executable).");
        }

        // Blazor Server renders after a SignalR round trip on a busy 2-core machine; 5 s is tight for the first page.
        SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        Playwright?.Dispose();
    }

    /// <summary>
    /// The storage state (cookies) of <paramref name="account"/> signed in: made once by
    /// <paramref name="signIn"/>, then reused. A failed sign-in is not remembered.
    /// </summary>
    public async Task<string> StorageStateAsync(string account, Func<Task<string>> signIn)
    {
        var state = storageStates.GetOrAdd(account, _ => new Lazy<Task<string>>(signIn));
        try
        {
            return await state.Value;
        }
        catch
        {
            storageStates.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(account, state));
            throw;
        }
    }
}
