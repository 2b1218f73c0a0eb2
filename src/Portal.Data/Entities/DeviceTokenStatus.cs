namespace Portal.Data.Entities;

public static class DeviceTokenStatus
{
    public const string Active = "active";
    public const string Invalid = "invalid";
}
