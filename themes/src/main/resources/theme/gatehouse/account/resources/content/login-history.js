// The account console's "Login history" page (SPEC P8.2). The console loads this module by its
// content.json entry and renders its default export with the React of its import map, so no
// build step is needed. The page itself is server-rendered by Gatehouse from Keycloak's event
// store and reads the console's login session, so no token passes through this script.
import { createElement } from "react";

const realmPath = window.location.pathname.split("/account")[0];

export default function LoginHistory() {
  return createElement("iframe", {
    id: "gatehouse-login-history-frame",
    title: "Login history",
    src: realmPath + "/gatehouse/login-history",
    style: { border: "none", width: "100%", minHeight: "80vh" },
  });
}
