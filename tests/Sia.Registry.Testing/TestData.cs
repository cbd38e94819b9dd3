using Grpc.Core;
using Sia.Registry.V1;

namespace Sia.Registry.Testing;

/// <summary>Valid requests to start from; tests change what they are about.</summary>
public static class TestData
{
    private static int _nextUrn = 100_000 + Random.Shared.Next(0, 800_000);

    public static int NewUrn() => Interlocked.Increment(ref _nextUrn);

    public static School School(string laCode, int? urn = null, int? establishmentNumber = null)
    {
        var id = urn ?? NewUrn();
        return new School
        {
            Name = $"schools/{id}",
            LocalAuthorityCode = laCode,
            EstablishmentNumber = establishmentNumber ?? id % 10_000,
            DisplayName = $"Test Primary School {id}",
            TypeOfEstablishmentCode = 1,
            EstablishmentTypeGroupCode = 4,
            PhaseOfEducationCode = 2,
            StatusCode = 1,
            StatutoryLowAge = 4,
            StatutoryHighAge = 11,
            OpenDate = new Google.Type.Date { Year = 1975, Month = 9, Day = 1 },
            Capacity = 420,
            Pupils = 401,
            FreeSchoolMealsPercentage = 23.4,
            Address = new Address { Street = "1 Station Road", Town = "York", Postcode = "yo1 1aa" },
        };
    }

    public static async Task<LocalAuthority> EnsureLocalAuthorityAsync(LocalAuthorityService.LocalAuthorityServiceClient client, string code, string name)
    {
        try
        {
            return await client.CreateLocalAuthorityAsync(new CreateLocalAuthorityRequest { LocalAuthority = new LocalAuthority { Code = code, DisplayName = name } });
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            return await client.GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = $"localAuthorities/{code}" });
        }
    }
}
