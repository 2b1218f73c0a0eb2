using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Operations;

namespace Portal.Tests.Web;

/// <summary>
/// Test hosts validate service lifetimes whatever their environment, so the mistake behind issue 12 (a scoped
/// service taken from the root provider, which only Development refused) fails here rather than for an operator.
/// </summary>
public class ServiceLifetimeTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task CliHostRefusesAScopedServiceFromTheRootProvider(string environment)
    {
        using var database = new TestDatabase();
        var settings = database.Settings;
        settings.Remove("Portal:ValidateServices"); // the CLI host validates without being asked
        await using var host = PortalServices.BuildCliHost(settings, environment);

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<DatabaseMaintenance>());
        Assert.Contains("from root provider", error.Message);
    }

    [Fact]
    public void WebTestHostRefusesAScopedServiceFromTheRootProviderInProduction()
    {
        Assert.Equal("Production", factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName);

        var error = Assert.Throws<InvalidOperationException>(() => factory.Services.GetRequiredService<DatabaseMaintenance>());
        Assert.Contains("from root provider", error.Message);
    }
}
