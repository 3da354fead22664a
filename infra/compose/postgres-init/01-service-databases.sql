-- One database per service (each service owns its data; none reads another's).
CREATE DATABASE peakshop_order;
CREATE DATABASE peakshop_notification;
