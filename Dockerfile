# Portal: build with the .NET SDK (plus Node.js for the front-end packages), run on the ASP.NET runtime
# as a non-root user in the Production environment. The SQLite database (and, in a demo, the development keys)
# live in /app/data. Every setting is an environment variable (double underscore for ':'); a real start needs
#   Authentication__Authority, Authentication__ClientSecret and DataProtection__Certificate__PemPath (+ __KeyPemPath)
#   or DataProtection__Certificate__Path (+ __Password); optional: Database__Provider, ConnectionStrings__Portal.
# A demo (emulated vendors, published demo passwords): Sandbox__Enabled=true and Sandbox__AllowOutsideDevelopment=true.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Portal.Web/Portal.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
VOLUME ["/app/data"]
ENTRYPOINT ["dotnet", "Portal.Web.dll"]
