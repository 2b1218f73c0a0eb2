namespace Portal.Data.Entities;

/// <summary>Values of a member's <c>sms_status</c>, <c>email_status</c> and <c>push_status</c>, as Placewise names them.</summary>
public static class ChannelStatus
{
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
    public const string HardBounced = "hard_bounced";

    public static readonly IReadOnlyList<string> All = [Enabled, Disabled, HardBounced];
}
