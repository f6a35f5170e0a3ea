<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("gatehouse.loginHistoryTitle")}
    <#elseif section = "form">
        <div id="gatehouse-login-history">
            <#if !loggedIn>
                <p role="alert">${msg("gatehouse.loginHistoryLogIn")}</p>
                <p><a id="gatehouse-account-console" href="${accountConsoleUrl}">${msg("doLogIn")}</a></p>
            <#elseif logins?has_content>
                <p>${msg("gatehouse.loginHistoryIntro")}</p>
                <table id="gatehouse-logins" class="pf-v5-c-table pf-m-compact">
                    <thead>
                        <tr>
                            <th scope="col">${msg("gatehouse.loginHistoryTime")}</th>
                            <th scope="col">${msg("gatehouse.loginHistoryIp")}</th>
                            <th scope="col">${msg("gatehouse.loginHistoryClient")}</th>
                            <th scope="col">${msg("gatehouse.loginHistoryResult")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <#list logins as login>
                            <tr class="gatehouse-login-${login.success?then("success", "failure")}">
                                <td><time datetime="${login.time}">${login.time}</time></td>
                                <td>${login.ipAddress}</td>
                                <td>${login.client}</td>
                                <td><#if login.success>${msg("gatehouse.loginHistorySuccess")}<#else>${msg("gatehouse.loginHistoryFailure")}</#if></td>
                            </tr>
                        </#list>
                    </tbody>
                </table>
            <#else>
                <p id="gatehouse-no-logins">${msg("gatehouse.loginHistoryEmpty")}</p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
