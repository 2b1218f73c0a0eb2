namespace Portal.E2E.Infrastructure;

/// <summary>
/// All browser tests share one app process and one browser, and run one at a time: the machine has two
/// cores, and the tests then see no other test's clicks (each still uses its own data).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalE2ECollection : ICollectionFixture<PortalAppFixture>, ICollectionFixture<PlaywrightFixture>
{
    public const string Name = "Portal E2E";
}
