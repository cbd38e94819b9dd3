using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.ServiceKit.Data;

public sealed class CreateRequestConfiguration : IEntityTypeConfiguration<CreateRequestEntity>
{
    public void Configure(EntityTypeBuilder<CreateRequestEntity> request)
    {
        request.ToTable("create_requests");
        request.HasKey(e => e.RequestId);
    }
}
