namespace Portal.E2E.Infrastructure;

/// <summary>Full-page screenshots of failed tests, in tests/Portal.E2E/artifacts/ (git-ignored).</summary>
public static class FailureScreenshot
{
    public static string PathFor(string testName) => Path.Combine(BuildPaths.ArtifactsDirectory, $"{testName}.png");

    /// <summary>Removes the picture of an earlier failure, so the folder shows only this run's.</summary>
    public static void Forget(string testName)
    {
        // File.Delete throws when the folder itself is missing, as in a fresh clone.
        var path = PathFor(testName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Saves what the page shows; never throws, so the test's own failure is the one reported.</summary>
    public static async Task SaveAsync(IPage page, string testName)
    {
        try
        {
            Directory.CreateDirectory(BuildPaths.ArtifactsDirectory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PathFor(testName), FullPage = true, Timeout = 10_000 });
        }
        catch (Exception e) when (e is PlaywrightException or IOException or TimeoutException)
        {
            Console.Error.WriteLine($"Could not save the failure screenshot of {testName}: {e.Message}");
        }
    }
}
