namespace Portal.E2E.Infrastructure;

/// <summary>
/// Tests that need the demo data exactly as seeded (the README's screenshots) get an app process of their
/// own: the shared one gathers members that other tests create through the API.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PristineAppCollection : ICollectionFixture<PortalAppFixture>, ICollectionFixture<PlaywrightFixture>
{
    public const string Name = "Portal E2E, pristine demo data";
}
