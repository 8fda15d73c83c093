output "instance_ids" {
  value = "${aws_instance.web.*.id}"
}

output "first_id" {
  value = "${aws_instance.web.0.id}"
}

output "joined" {
  value = "${join(",", aws_instance.web.*.private_ip)}"
}

output "element" {
  value = "${element(aws_subnet.private.*.id, count.index)}"
}

output "splat_legacy_index" {
  value = var.things.*.list.0
}

resource "aws_eip" "legacy" {
  count    = "${var.count}"
  instance = "${element(aws_instance.web.*.id, count.index)}"
  vpc      = "true"
}
