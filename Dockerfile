# Portal: build with the .NET SDK (plus Node.js for the front-end packages), run on the ASP.NET runtime
# as a non-root user. SQLite data, Data Protection keys and the development sign-in keys live in /app/data.
# Every setting is an environment variable (double underscore for ':'), e.g.
#   ConnectionStrings__Portal, Database__Provider, Authentication__Authority, Sandbox__Enabled.

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
