using Portal.Components.Shared;
using Portal.Data.Entities;
using Portal.Features.Members;

namespace Portal.Components.Tests.Members;

public sealed class ChannelStatusBadgeTests : MemberTest
{
    [Theory]
    [InlineData(ChannelStatus.Enabled, "enabled")]
    [InlineData(ChannelStatus.Disabled, "disabled")]
    [InlineData(ChannelStatus.HardBounced, "hard bounced")]
    public void ShowsTheStatusInWords(string status, string text)
    {
        var badge = Context.Render<ChannelStatusBadge>(p => p.Add(x => x.Status, status));

        Assert.Equal(text, string.Concat(badge.Nodes.Select(n => n.TextContent)).Trim());
    }

    [Fact]
    public void StatusChipCarriesItsDetailAsATooltip()
    {
        var chip = Context.Render<StatusChip>(p => p.Add(x => x.Text, "Banned").Add(x => x.Title, "Until 2030-01-01"));

        Assert.Equal("Banned", chip.Find("[title='Until 2030-01-01']").TextContent.Trim());
    }
}
