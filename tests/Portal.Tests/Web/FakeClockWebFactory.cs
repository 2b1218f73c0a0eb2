using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Portal.Tests.Web;

/// <summary>
/// <see cref="PortalWebFactory"/> whose clock is a <see cref="FakeTimeProvider"/>: a test makes time pass with
/// <see cref="FakeTimeProvider.Advance"/> instead of waiting for it. It starts at the real time, so what the
/// framework itself stamps (cookies, tokens) stays plausible.
/// </summary>
public class FakeClockWebFactory : PortalWebFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
