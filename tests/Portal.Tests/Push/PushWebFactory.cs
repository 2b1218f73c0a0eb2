using Portal.Tests.Web;

namespace Portal.Tests.Push;

/// <summary>The app with FCM pointed at a loopback fake.</summary>
public sealed class PushWebFactory : PortalWebFactory
{
    public FakeFcm Fcm { get; } = FakeFcm.StartAsync().GetAwaiter().GetResult();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Fcm:Endpoint", Fcm.BaseUrl.ToString()),
        new("Fcm:RetryBaseDelay", "00:00:00.010"),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Fcm.DisposeAsync();
    }
}
