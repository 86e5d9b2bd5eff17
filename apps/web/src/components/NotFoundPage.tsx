import { Button, Result } from "antd";
import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Địa chỉ này không có trong hệ thống."
      extra={
        <Link to="/">
          <Button type="primary">Về trang đầu</Button>
        </Link>
      }
    />
  );
}
