import { Navigate } from "react-router";
import { useSession } from "../api/session";
import { homePathFor } from "../components/menu";

/** Each role opens where its work is. */
export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={homePathFor(user?.roles ?? [])} replace />;
}
