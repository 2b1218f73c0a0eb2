using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class MemberAccessTokenConfiguration : IEntityTypeConfiguration<MemberAccessToken>
{
    public void Configure(EntityTypeBuilder<MemberAccessToken> token)
    {
        token.ToTable("MemberAccessTokens");
        token.Property(t => t.AccessTokenHash).HasMaxLength(ColumnLengths.TokenHash);
        token.Property(t => t.RefreshTokenHash).HasMaxLength(ColumnLengths.TokenHash);
        token.HasOne(t => t.Member).WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
        token.HasOne<ApiKey>().WithMany().HasForeignKey(t => t.ApiKeyId).OnDelete(DeleteBehavior.SetNull);
        token.HasIndex(t => t.AccessTokenHash).IsUnique();
        token.HasIndex(t => t.RefreshTokenHash).IsUnique();
        token.HasIndex(t => t.MemberId);
        token.HasIndex(t => t.ApiKeyId);
    }
}
