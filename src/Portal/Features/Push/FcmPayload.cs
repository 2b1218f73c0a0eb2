using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Features.Push;

/// <summary>Builds FCM HTTP v1 <c>message</c> objects and enforces FCM's 4,096-byte payload limit.</summary>
public static class FcmPayload
{
    public const int MaxPayloadBytes = 4096;

    /// <summary>The data key carrying the console's message id, so the app can report delivered/open.</summary>
    public const string MessageIdKey = "portal_message_id";

    public static JsonObject Message(string token, PushContent content, string messageId)
    {
        var message = Payload(content, messageId);
        if (token.StartsWith("/topics/", StringComparison.Ordinal))
        {
            message["topic"] = token["/topics/".Length..];
        }
        else
        {
            message["token"] = token;
        }
        return message;
    }

    /// <summary>Bytes of the message without its target, which is what FCM's limit counts.</summary>
    public static int Size(PushContent content, string messageId) => Encoding.UTF8.GetByteCount(Payload(content, messageId).ToJsonString());

    /// <summary>Null when the push fits; otherwise a message for the person composing it.</summary>
    public static string? SizeError(PushContent content, string messageId)
    {
        var size = Size(content, messageId);
        return size <= MaxPayloadBytes
            ? null
            : $"The push is {size:N0} bytes; FCM takes at most {MaxPayloadBytes:N0}. Shorten the text or the data values.";
    }

    private static JsonObject Payload(PushContent content, string messageId)
    {
        var data = new JsonObject();
        foreach (var (key, value) in content.Data)
        {
            data[key] = value;
        }
        if (!string.IsNullOrWhiteSpace(content.DeepLink))
        {
            data["deep_link"] = content.DeepLink;
        }
        data[MessageIdKey] = messageId;

        var notification = new JsonObject();
        Put(notification, "title", content.Title);
        Put(notification, "body", content.Body);
        Put(notification, "image", content.ImageUrl);

        var androidNotification = new JsonObject();
        Put(androidNotification, "channel_id", content.AndroidChannelId);
        Put(androidNotification, "sound", content.Sound);
        var android = new JsonObject { ["priority"] = content.AndroidPriority == "normal" ? "normal" : "high" };
        if (content.AndroidTtlSeconds is { } ttl)
        {
            android["ttl"] = $"{ttl.ToString(CultureInfo.InvariantCulture)}s";
        }
        if (androidNotification.Count > 0)
        {
            android["notification"] = androidNotification;
        }

        var aps = new JsonObject();
        Put(aps, "sound", content.Sound);
        if (content.Badge is { } badge)
        {
            aps["badge"] = badge;
        }
        if (content.MutableContent)
        {
            aps["mutable-content"] = 1;
        }

        var message = new JsonObject
        {
            ["data"] = data,
            ["android"] = android,
            ["apns"] = new JsonObject
            {
                ["headers"] = new JsonObject { ["apns-priority"] = content.ApnsPriority == 5 ? "5" : "10" },
                ["payload"] = new JsonObject { ["aps"] = aps },
            },
        };
        if (notification.Count > 0)
        {
            message["notification"] = notification;
        }
        if (!string.IsNullOrWhiteSpace(content.AnalyticsLabel))
        {
            message["fcm_options"] = new JsonObject { ["analytics_label"] = content.AnalyticsLabel };
        }
        return message;
    }

    private static void Put(JsonObject target, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            target[name] = value;
        }
    }
}
